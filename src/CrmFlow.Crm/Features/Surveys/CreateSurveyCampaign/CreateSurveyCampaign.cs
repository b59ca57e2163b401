using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain;
using CrmFlow.Crm.Domain.Market;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Surveys.CreateSurveyCampaign;

/// <summary>
/// Plans a campaign (draft) on an enabled template: its latest version unless <paramref name="TemplateVersion"/> names
/// one. Internal campaigns name the employees asked; the reminder defaults to one day before the end.
/// </summary>
public sealed record CreateSurveyCampaignCommand(
    string Name,
    Guid TemplateId,
    int? TemplateVersion,
    SurveyAudience Audience,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? ReminderAt,
    Guid? OwnerId,
    IReadOnlyList<Guid>? ParticipantIds) : ICommand<Result<SurveyCampaignCreated>>;

public sealed record SurveyCampaignCreated(Guid Id, Guid TemplateVersionId, int TemplateVersion);

internal sealed class CreateSurveyCampaignValidator : AbstractValidator<CreateSurveyCampaignCommand>
{
    public CreateSurveyCampaignValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.TemplateId).NotEmpty();
        RuleFor(c => c.Audience).IsInEnum();
        RuleFor(c => c.EndsAt).GreaterThan(c => c.StartsAt).WithMessage("The end must be after the start.");
        RuleFor(c => c.ReminderAt).Must((c, r) => r is null || (r > c.StartsAt && r < c.EndsAt))
            .WithMessage("The reminder must fall between the start and the end.");
        RuleFor(c => c.ParticipantIds).NotEmpty().When(c => c.Audience == SurveyAudience.Internal)
            .WithMessage("An internal campaign names the employees it asks.");
        RuleFor(c => c.ParticipantIds).Empty().When(c => c.Audience == SurveyAudience.External)
            .WithMessage("External campaigns ask customers and contacts, not employees.");
        RuleFor(c => c.ParticipantIds!.Count).LessThanOrEqualTo(5000).When(c => c.ParticipantIds is not null).OverridePropertyName("participantIds");
    }
}

internal sealed class CreateSurveyCampaignHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<CreateSurveyCampaignCommand, Result<SurveyCampaignCreated>>
{
    public async ValueTask<Result<SurveyCampaignCreated>> Handle(CreateSurveyCampaignCommand command, CancellationToken cancellationToken)
    {
        if (!user.IsUser)
        {
            return Result<SurveyCampaignCreated>.Forbidden("users_only", "Only a signed-in user can organise campaigns.");
        }

        var template = await db.QuestionnaireTemplates.AsNoTracking().Include(t => t.Versions)
            .SingleOrDefaultAsync(t => t.Id == command.TemplateId, cancellationToken);
        if (template is null)
        {
            throw SurveyRules.Invalid([new DomainError("templateId", DomainErrorCodes.Unknown, "No such questionnaire template.")]);
        }

        if (!template.IsEnabled)
        {
            return Result<SurveyCampaignCreated>.Refused("template_disabled", "The questionnaire template is disabled; enable it first.");
        }

        var version = command.TemplateVersion is { } number ? template.Versions.SingleOrDefault(v => v.Number == number) : template.LatestVersion;
        if (version is null)
        {
            throw SurveyRules.Invalid([new DomainError("templateVersion", DomainErrorCodes.Unknown, "The template has no such version.")]);
        }

        var ownerId = command.OwnerId ?? user.Id!.Value;
        var participants = command.ParticipantIds ?? [];
        var wanted = participants.Append(ownerId).Distinct().ToList();
        var known = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var errors = new List<DomainError>();
        if (!known.Contains(ownerId))
        {
            errors.Add(new("ownerId", DomainErrorCodes.Unknown, "No such user."));
        }

        if (participants.Except(known).Any())
        {
            errors.Add(new("participantIds", DomainErrorCodes.Unknown, "Unknown users: " + string.Join(", ", participants.Except(known))));
        }

        if (errors.Count > 0)
        {
            throw SurveyRules.Invalid(errors);
        }

        var reminderAt = command.ReminderAt ?? (command.EndsAt.AddDays(-1) > command.StartsAt ? command.EndsAt.AddDays(-1) : null);
        var campaign = new SurveyCampaign(
            Guid.CreateVersion7(), command.Name, template.Id, version.Id, command.Audience, command.StartsAt, command.EndsAt, reminderAt,
            ownerId, participants, user.Id!.Value, time.GetUtcNow());
        db.SurveyCampaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return Result<SurveyCampaignCreated>.Ok(new(campaign.Id, version.Id, version.Number));
    }
}

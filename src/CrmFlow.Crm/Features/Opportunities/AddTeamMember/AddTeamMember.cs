using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Features.Opportunities.AddQuote;
using CrmFlow.Crm.Features.Opportunities.Common;
using CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Opportunities.AddTeamMember;

/// <summary>
/// Adds members to an opportunity's sales team (销售团队). Every member's right on the customer is verified first:
/// if any lacks write, none is added and the refusal lists them (<c>opportunity.members_lack_access</c>) — granting
/// stays a separate, explicit action.
/// </summary>
public sealed record AddTeamMembersCommand(Guid OpportunityId, IReadOnlyList<Guid> UserIds, string? Role) : ICommand<Result<Done>>;

internal sealed class AddTeamMembersValidator : AbstractValidator<AddTeamMembersCommand>
{
    public AddTeamMembersValidator()
    {
        RuleFor(c => c.UserIds).NotEmpty().Must(ids => ids is null || ids.Count <= 50).WithMessage("At most 50 members at once.");
        RuleFor(c => c.Role).MaximumLength(64);
    }
}

internal sealed class AddTeamMembersHandler(CrmDbContext db, ICurrentUser user, ISender sender, TimeProvider time)
    : ICommandHandler<AddTeamMembersCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(AddTeamMembersCommand command, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.VisibleTo(db, user, Access.Write).Include(o => o.Team)
            .SingleOrDefaultAsync(o => o.Id == command.OpportunityId, cancellationToken);
        if (opportunity is null)
        {
            return Result<Done>.NotFound();
        }

        var report = await sender.Send(new CheckCustomerAccessQuery(opportunity.CustomerId, command.UserIds, Access.Write), cancellationToken);
        if (report.UsersWithoutAccess.Count > 0)
        {
            return Result<Done>.Refused(
                OpportunityRefusals.MembersLackAccess, "These users have no write permission on the customer; grant it first.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["UserIds"] = [.. report.UsersWithoutAccess.Select(id => id.ToString())] });
        }

        var now = time.GetUtcNow();
        foreach (var id in command.UserIds.Distinct())
        {
            opportunity.AddTeamMember(id, command.Role, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result<Done>.Ok(default);
    }
}

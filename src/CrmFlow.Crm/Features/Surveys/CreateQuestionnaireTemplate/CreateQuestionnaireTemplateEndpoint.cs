using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Market;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.CreateQuestionnaireTemplate;

/// <summary>Body of <c>POST /api/questionnaire-templates</c> and <c>PUT /api/questionnaire-templates/{id}</c>.</summary>
public sealed record QuestionnaireTemplateRequest(string Name, string? Description, IReadOnlyList<Question> Questions);

internal static class CreateQuestionnaireTemplateEndpoint
{
    public static RouteHandlerBuilder MapCreateQuestionnaireTemplate(this IEndpointRouteBuilder api) =>
        api.MapPost("/questionnaire-templates", async (QuestionnaireTemplateRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new CreateQuestionnaireTemplateCommand(body.Name, body.Description, body.Questions), cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api/questionnaire-templates/{created.Id}", created)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("CreateQuestionnaireTemplate")
            .WithTags("Surveys")
            .WithSummary("Create a questionnaire template (enabled, version 1)");
}

using System.Text.Json;
using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Domain.Market;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.SubmitSurveyResponse;

/// <summary>Body of <c>POST /api/survey-campaigns/{id}/responses</c>.</summary>
public sealed record SurveyResponseRequest(RespondentKind RespondentKind, Guid RespondentId, Dictionary<string, JsonElement>? Answers);

internal static class SubmitSurveyResponseEndpoint
{
    public static RouteHandlerBuilder MapSubmitSurveyResponse(this IEndpointRouteBuilder api) =>
        api.MapPost("/survey-campaigns/{id:guid}/responses", async (Guid id, SurveyResponseRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SubmitSurveyResponseCommand(id, body.RespondentKind, body.RespondentId, body.Answers), cancellationToken))
                .ToHttp(created => TypedResults.Created($"/api/survey-campaigns/{id}/responses/{created.Id}", created)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("SubmitSurveyResponse")
            .WithTags("Surveys")
            .WithSummary("Enter a returned questionnaire (one per respondent and campaign)");
}

using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.ListQuestionnaireTemplates;

internal static class ListQuestionnaireTemplatesEndpoint
{
    public static RouteHandlerBuilder MapListQuestionnaireTemplates(this IEndpointRouteBuilder api) =>
        api.MapGet("/questionnaire-templates", async (bool? enabledOnly, ISender sender, CancellationToken cancellationToken) =>
                TypedResults.Ok(await sender.Send(new ListQuestionnaireTemplatesQuery(enabledOnly ?? false), cancellationToken)))
            .RequireAuthorization(Policies.Marketing)
            .WithName("ListQuestionnaireTemplates")
            .WithTags("Surveys")
            .WithSummary("Questionnaire templates with their latest version");
}

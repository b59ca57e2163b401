using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.GetQuestionnaireTemplate;

internal static class GetQuestionnaireTemplateEndpoint
{
    public static RouteHandlerBuilder MapGetQuestionnaireTemplate(this IEndpointRouteBuilder api) =>
        api.MapGet("/questionnaire-templates/{id:guid}", async (Guid id, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new GetQuestionnaireTemplateQuery(id), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Marketing)
            .WithName("GetQuestionnaireTemplate")
            .WithTags("Surveys")
            .WithSummary("A questionnaire template with all its versions");
}

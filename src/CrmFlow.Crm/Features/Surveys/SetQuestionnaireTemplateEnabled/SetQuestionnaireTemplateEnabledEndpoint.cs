using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.SetQuestionnaireTemplateEnabled;

internal static class SetQuestionnaireTemplateEnabledEndpoint
{
    public static RouteHandlerBuilder MapSetQuestionnaireTemplateEnabled(this IEndpointRouteBuilder api) =>
        api.MapPut("/questionnaire-templates/{id:guid}/enabled", async (Guid id, SetEnabledRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new SetQuestionnaireTemplateEnabledCommand(id, body.Enabled), cancellationToken)).ToHttp(ResultHttp.NoContent))
            .RequireAuthorization(Policies.Marketing)
            .WithName("SetQuestionnaireTemplateEnabled")
            .WithTags("Surveys")
            .WithSummary("Enable or disable a questionnaire template");
}

using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Features.Surveys.CreateQuestionnaireTemplate;
using Mediator;

namespace CrmFlow.Crm.Features.Surveys.UpdateQuestionnaireTemplate;

internal static class UpdateQuestionnaireTemplateEndpoint
{
    public static RouteHandlerBuilder MapUpdateQuestionnaireTemplate(this IEndpointRouteBuilder api) =>
        api.MapPut("/questionnaire-templates/{id:guid}", async (Guid id, QuestionnaireTemplateRequest body, ISender sender, CancellationToken cancellationToken) =>
                (await sender.Send(new UpdateQuestionnaireTemplateCommand(id, body.Name, body.Description, body.Questions), cancellationToken)).ToHttp())
            .RequireAuthorization(Policies.Marketing)
            .WithName("UpdateQuestionnaireTemplate")
            .WithTags("Surveys")
            .WithSummary("Edit a template; question changes to a version in use create a new version");
}

using CrmFlow.Crm.Common.Behaviors;
using CrmFlow.Crm.Common.Http;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Common.Workflows;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Features.Competitors.CreateCompetitor;
using CrmFlow.Crm.Features.Competitors.GetCompetitor;
using CrmFlow.Crm.Features.Competitors.GetCompetitorAnalysis;
using CrmFlow.Crm.Features.Competitors.LinkCompetitorOpportunity;
using CrmFlow.Crm.Features.Competitors.ListCompetitors;
using CrmFlow.Crm.Features.Competitors.UpdateCompetitor;
using CrmFlow.Crm.Features.Complaints;
using CrmFlow.Crm.Features.Complaints.AssignComplaint;
using CrmFlow.Crm.Features.Complaints.ComplaintReasonIs;
using CrmFlow.Crm.Features.Complaints.ComplaintReasons;
using CrmFlow.Crm.Features.Complaints.GetComplaint;
using CrmFlow.Crm.Features.Complaints.ListOpenComplaints;
using CrmFlow.Crm.Features.Complaints.MarkComplaintOverdue;
using CrmFlow.Crm.Features.Complaints.OpenComplaint;
using CrmFlow.Crm.Features.Complaints.RecordComplaint;
using CrmFlow.Crm.Features.Complaints.RecordFollowUp;
using CrmFlow.Crm.Features.Complaints.RecordHandlingResult;
using CrmFlow.Crm.Features.Contacts.CreateContact;
using CrmFlow.Crm.Features.Contacts.DeleteContact;
using CrmFlow.Crm.Features.Contacts.GetContact;
using CrmFlow.Crm.Features.Contacts.ListContacts;
using CrmFlow.Crm.Features.Contacts.UpdateContact;
using CrmFlow.Crm.Features.Customers.AllocateCustomers;
using CrmFlow.Crm.Features.Customers.CreateCustomer;
using CrmFlow.Crm.Features.Customers.DeleteCustomer;
using CrmFlow.Crm.Features.Customers.ExportCustomers;
using CrmFlow.Crm.Features.Customers.GetCustomer;
using CrmFlow.Crm.Features.Customers.GetCustomerOverview;
using CrmFlow.Crm.Features.Customers.ListCustomers;
using CrmFlow.Crm.Features.Customers.ListNewAndLostCustomers;
using CrmFlow.Crm.Features.Customers.UpdateCustomer;
using CrmFlow.Crm.Features.Identity.AuthenticateApiKey;
using CrmFlow.Crm.Features.Identity.CreateApiClient;
using CrmFlow.Crm.Features.Identity.GetCurrentUser;
using CrmFlow.Crm.Features.Identity.ListApiClients;
using CrmFlow.Crm.Features.Identity.ListDepartments;
using CrmFlow.Crm.Features.Identity.ListUsers;
using CrmFlow.Crm.Features.Identity.Login;
using CrmFlow.Crm.Features.Identity.RefreshAccessToken;
using CrmFlow.Crm.Features.Identity.RevokeApiClient;
using CrmFlow.Crm.Features.Identity.Tokens;
using CrmFlow.Crm.Features.Inbox;
using CrmFlow.Crm.Features.Inbox.ClaimTask;
using CrmFlow.Crm.Features.Inbox.CommentOnTask;
using CrmFlow.Crm.Features.Inbox.CompleteTask;
using CrmFlow.Crm.Features.Inbox.GetTask;
using CrmFlow.Crm.Features.Inbox.ListTasks;
using CrmFlow.Crm.Features.Inbox.ReassignTask;
using CrmFlow.Crm.Features.Intents.AddIntentTouch;
using CrmFlow.Crm.Features.Intents.CreateIntent;
using CrmFlow.Crm.Features.Intents.GetIntent;
using CrmFlow.Crm.Features.Intents.ListIntents;
using CrmFlow.Crm.Features.Intents.PromoteIntent;
using CrmFlow.Crm.Features.Ledger.PostLedgerEntries;
using CrmFlow.Crm.Features.Notifications.ListNotifications;
using CrmFlow.Crm.Features.Notifications.MarkNotificationsRead;
using CrmFlow.Crm.Features.Opportunities.ActivityAlerts;
using CrmFlow.Crm.Features.Opportunities.AddCompetitor;
using CrmFlow.Crm.Features.Opportunities.AddQuote;
using CrmFlow.Crm.Features.Opportunities.AddTeamMember;
using CrmFlow.Crm.Features.Opportunities.AdvanceStage;
using CrmFlow.Crm.Features.Opportunities.CancelActivity;
using CrmFlow.Crm.Features.Opportunities.ChangeActivity;
using CrmFlow.Crm.Features.Opportunities.Common;
using CrmFlow.Crm.Features.Opportunities.CompleteActivity;
using CrmFlow.Crm.Features.Opportunities.DeleteDocument;
using CrmFlow.Crm.Features.Opportunities.GetDocumentContent;
using CrmFlow.Crm.Features.Opportunities.GetOpportunity;
using CrmFlow.Crm.Features.Opportunities.GetOrderExecution;
using CrmFlow.Crm.Features.Opportunities.ListDocuments;
using CrmFlow.Crm.Features.Opportunities.ListOpportunities;
using CrmFlow.Crm.Features.Opportunities.ListSalesModes;
using CrmFlow.Crm.Features.Opportunities.OpportunityStageIs;
using CrmFlow.Crm.Features.Opportunities.PlanActivity;
using CrmFlow.Crm.Features.Opportunities.UploadDocument;
using CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;
using CrmFlow.Crm.Features.Permissions.GrantCustomerPermission;
using CrmFlow.Crm.Features.Permissions.ListCustomerPermissions;
using CrmFlow.Crm.Features.Permissions.RevokeCustomerPermission;
using CrmFlow.Crm.Features.Quotas.ComputeStageQuotas;
using CrmFlow.Crm.Features.Quotas.GetSalesForecast;
using CrmFlow.Crm.Features.Quotas.GetSalesFunnel;
using CrmFlow.Crm.Features.Quotas.SaveStageQuota;
using CrmFlow.Crm.Features.Surveys.AnswerSurveyTask;
using CrmFlow.Crm.Features.Surveys.AskSurveyRespondents;
using CrmFlow.Crm.Features.Surveys.CloseSurveyCampaign;
using CrmFlow.Crm.Features.Surveys.CreateQuestionnaireTemplate;
using CrmFlow.Crm.Features.Surveys.CreateSurveyCampaign;
using CrmFlow.Crm.Features.Surveys.GetQuestionnaireTemplate;
using CrmFlow.Crm.Features.Surveys.GetSurveyCampaign;
using CrmFlow.Crm.Features.Surveys.GetSurveyResults;
using CrmFlow.Crm.Features.Surveys.LaunchSurveyCampaign;
using CrmFlow.Crm.Features.Surveys.ListQuestionnaireTemplates;
using CrmFlow.Crm.Features.Surveys.ListSurveyCampaigns;
using CrmFlow.Crm.Features.Surveys.OpenSurveyCampaign;
using CrmFlow.Crm.Features.Surveys.RemindSurveyRespondents;
using CrmFlow.Crm.Features.Surveys.SetQuestionnaireTemplateEnabled;
using CrmFlow.Crm.Features.Surveys.SubmitSurveyResponse;
using CrmFlow.Crm.Features.Surveys.UpdateQuestionnaireTemplate;
using CrmFlow.Crm.Features.ValuePyramid;
using CrmFlow.Crm.Features.ValuePyramid.CreatePyramidModel;
using CrmFlow.Crm.Features.ValuePyramid.DeletePyramidModel;
using CrmFlow.Crm.Features.ValuePyramid.GetCustomerTierHistory;
using CrmFlow.Crm.Features.ValuePyramid.ListPyramidModels;
using CrmFlow.Crm.Features.ValuePyramid.ListSnapshots;
using CrmFlow.Crm.Features.ValuePyramid.RunPyramid;
using CrmFlow.Crm.Features.ValuePyramid.TakeSnapshots;
using CrmFlow.Crm.Features.ValuePyramid.UpdatePyramidModel;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace CrmFlow.Crm;

/// <summary>The CRM module's entry points.</summary>
public static class CrmModule
{
    /// <summary>Base path of the Elsa-compatible API; the identity endpoints live under it.</summary>
    public const string ElsaApiPrefix = "/elsa/api";

    /// <summary>Registers the CRM database, identity, authorization policies, the mediator and its use cases.</summary>
    public static IHostApplicationBuilder AddCrm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.SectionName))
            .Configure<IConfiguration, IHostEnvironment>((o, configuration, environment) =>
                o.ResolveConnectionString(
                    configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), environment.ContentRootPath))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddCrmDbContexts();
        services.AddSingleton<SigningKeyProvider>();
        services.AddHostedService<CrmDatabaseInitializer>();

        // Compile-time options read by the Mediator source generator (STYLE.md §4); handlers use CrmDbContext.
        services.AddMediator((MediatorOptions o) =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.Assemblies = [typeof(CrmModule)];
            o.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });

        services.AddAuthorizationBuilder().AddCrmPolicies();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<LoginHandler>();
        services.AddScoped<RefreshAccessTokenHandler>();
        services.AddScoped<GetCurrentUserHandler>();
        services.AddScoped<ListUsersHandler>();
        services.AddScoped<AuthenticateApiKeyHandler>();
        services.AddSingleton<ApiKeyCache>();

        // Use cases: Mediator requests (registered above) validated by FluentValidation; the caller comes from the HTTP context.
        services.AddHttpContextAccessor();
        services.TryAddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddValidatorsFromAssemblyContaining<CrmDbContext>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddExceptionHandler<ValidationExceptionHandler>();
        services.AddExceptionHandler<ConflictExceptionHandler>();

        // Complaints and the task inbox: SLA options, the inbox rules, the escalation hook and the flow's activities.
        // Sales: the limits of documents attached to opportunities.
        services.AddOptions<OpportunityDocumentsOptions>()
            .Bind(builder.Configuration.GetSection(OpportunityDocumentsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<ComplaintsOptions>().Bind(builder.Configuration.GetSection(ComplaintsOptions.SectionName));
        services.AddScoped<InboxAccess>();
        services.AddScoped<IUserTaskEscalationHandler, ComplaintTaskEscalationHandler>();
        services.AddActivity<CheckCustomerAccessActivity>();
        services.AddActivity<OpenComplaintActivity>();
        services.AddActivity<AssignComplaintActivity>();
        services.AddActivity<RecordHandlingResultActivity>();
        services.AddActivity<RecordFollowUpActivity>();
        services.AddActivity<ComplaintReasonIsActivity>();

        // Sales: the activities the intent-promotion and stage-advancement flows call.
        services.AddActivity<ConfirmIntentPromotionActivity>();
        services.AddActivity<PromoteIntentActivity>();
        services.AddActivity<CheckStageGatesActivity>();
        services.AddActivity<AdvanceStageActivity>();
        services.AddActivity<OpportunityStageIsActivity>();

        // Sales: due and overdue alerts of planned opportunity activities (the opportunity-activity-alerts flow).
        services.AddScoped<ActivityAlertFlow>();
        services.AddActivity<GetActivityAlertScheduleActivity>();
        services.AddActivity<SendActivityAlertActivity>();
        services.AddScoped<PyramidCalculator>();

        // Choices the Studio offers for activity inputs that name a user or a role (e.g. a user task's assignee).
        services.AddScoped<IUserOptionsProvider, UserInputOptions>();
        services.AddSingleton<IRoleOptionsProvider, RoleInputOptions>();

        // Value pyramid: the calculator and the scheduled flow's activity.
        services.AddActivity<TakePyramidSnapshotsActivity>();
        // Market: the survey-campaign flow's activities.
        services.AddActivity<GetSurveyCampaignActivity>();
        services.AddActivity<OpenSurveyCampaignActivity>();
        services.AddActivity<RemindSurveyRespondentsActivity>();
        services.AddActivity<CloseSurveyCampaignActivity>();
        services.AddActivity<AskSurveyRespondentsActivity>();

        // Survey tasks in the inbox: their answers are checked like response entry; answering another way withdraws them.
        services.AddScoped<ITaskCompletionCheck, SurveyTaskCompletionCheck>();
        services.AddScoped<SurveyTaskWithdrawal>();
        return builder;
    }

    /// <summary>Maps the CRM endpoints, each slice listed explicitly.</summary>
    public static IEndpointRouteBuilder MapCrm(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Elsa's identity endpoints (login, refresh) sit under the Elsa API prefix so that
        // an unmodified Elsa Studio login module finds them.
        var elsa = endpoints.MapGroup(ElsaApiPrefix);
        elsa.MapLogin();
        elsa.MapRefreshAccessToken();

        var api = endpoints.MapGroup("/api");
        api.MapGetCurrentUser();
        api.MapListUsers();
        api.MapListDepartments();
        api.MapListApiClients();
        api.MapCreateApiClient();
        api.MapRevokeApiClient();

        api.MapListCustomers();
        api.MapExportCustomers();
        api.MapGetCustomer();
        api.MapCreateCustomer();
        api.MapUpdateCustomer();
        api.MapDeleteCustomer();
        api.MapAllocateCustomers();
        api.MapListNewAndLostCustomers();
        api.MapGetCustomerOverview();

        api.MapListContacts();
        api.MapGetContact();
        api.MapCreateContact();
        api.MapUpdateContact();
        api.MapDeleteContact();

        api.MapListCustomerPermissions();
        api.MapGrantCustomerPermission();
        api.MapRevokeCustomerPermission();
        api.MapCheckCustomerAccess();

        api.MapPostLedgerEntries();

        api.MapListNotifications();
        api.MapMarkNotificationsRead();

        api.MapListQuestionnaireTemplates();
        api.MapGetQuestionnaireTemplate();
        api.MapCreateQuestionnaireTemplate();
        api.MapUpdateQuestionnaireTemplate();
        api.MapSetQuestionnaireTemplateEnabled();
        api.MapListSurveyCampaigns();
        api.MapGetSurveyCampaign();
        api.MapCreateSurveyCampaign();
        api.MapLaunchSurveyCampaign();
        api.MapOpenSurveyCampaign();
        api.MapCloseSurveyCampaign();
        api.MapSubmitSurveyResponse();
        api.MapGetSurveyResults();

        api.MapListCompetitors();
        api.MapGetCompetitorAnalysis();
        api.MapGetCompetitor();
        api.MapCreateCompetitor();
        api.MapUpdateCompetitor();
        api.MapLinkCompetitorOpportunity();

        api.MapComplaintReasons();
        endpoints.MapRecordComplaint(api);
        api.MapGetComplaint();
        api.MapListOpenComplaints();

        api.MapListTasks();
        api.MapGetTask();
        api.MapClaimTask();
        api.MapReassignTask();
        api.MapCompleteTask();
        api.MapCommentOnTask();
        // Sales
        api.MapListIntents();
        api.MapGetIntent();
        api.MapCreateIntent();
        api.MapAddIntentTouch();
        api.MapPromoteIntent();
        api.MapListSalesModes();
        api.MapListOpportunities();
        api.MapGetOpportunity();
        api.MapAddQuote();
        api.MapPlanActivity();
        api.MapCompleteActivity();
        api.MapChangeActivity();
        api.MapCancelActivity();
        api.MapAddTeamMembers();
        api.MapAddCompetitor();
        api.MapListDocuments();
        api.MapUploadDocument();
        api.MapGetDocumentContent();
        api.MapDeleteDocument();
        api.MapGetOrderExecution();
        api.MapAdvanceStage();
        api.MapComputeStageQuotas();
        api.MapSaveStageQuota();
        api.MapGetSalesFunnel();
        api.MapGetSalesForecast();

        api.MapListPyramidModels();
        api.MapCreatePyramidModel();
        api.MapUpdatePyramidModel();
        api.MapDeletePyramidModel();
        api.MapRunPyramid();
        api.MapListPyramidSnapshots();
        api.MapTakePyramidSnapshots();
        api.MapGetCustomerTierHistory();
        return endpoints;
    }
}

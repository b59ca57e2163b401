using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Features.Identity.AuthenticateApiKey;
using CrmFlow.Crm.Features.Identity.GetCurrentUser;
using CrmFlow.Crm.Features.Identity.ListUsers;
using CrmFlow.Crm.Features.Identity.Login;
using CrmFlow.Crm.Features.Identity.RefreshAccessToken;
using CrmFlow.Crm.Features.Identity.Tokens;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace CrmFlow.Crm;

/// <summary>The CRM module's entry points.</summary>
public static class CrmModule
{
    /// <summary>Base path of the Elsa-compatible API; the identity endpoints live under it.</summary>
    public const string ElsaApiPrefix = "/elsa/api";

    /// <summary>Registers the CRM database, identity and authorization policies.</summary>
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
        });

        services.AddAuthorizationBuilder().AddCrmPolicies();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<LoginHandler>();
        services.AddScoped<RefreshAccessTokenHandler>();
        services.AddScoped<GetCurrentUserHandler>();
        services.AddScoped<ListUsersHandler>();
        services.AddScoped<AuthenticateApiKeyHandler>();
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
        return endpoints;
    }
}

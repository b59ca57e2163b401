using CrmFlow.Server.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrmFlow.Server.Hosting;

/// <summary>Declares the two ways in (bearer JWT from login, integration API key) so Scalar can send them.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /elsa/api/identity/login.",
        };
        document.Components.SecuritySchemes[AuthenticationSetup.ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = AuthenticationSetup.ApiKeyHeader,
            Description = "Integration client key (also accepted as 'Authorization: ApiKey <key>').",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AuthenticationSetup.ApiKeyScheme, document)] = [] },
        ];
        return Task.CompletedTask;
    }
}

using System.Globalization;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Server.Components;
using CrmFlow.Server.Resources;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace CrmFlow.Server.WebUi;

/// <summary>
/// The CRM web UI: Blazor components (interactive server) with MudBlazor, cookie sign-in and sign-out,
/// the language switch and the Studio's token hand-over. The cookie scheme itself sits in the host's
/// authentication set-up, beside the bearer and API-key schemes it is chosen among.
/// </summary>
internal static class WebUiModule
{
    public static IReadOnlyList<CultureInfo> Cultures { get; } = [new("en"), new("zh-CN")];

    public static IHostApplicationBuilder AddCrmWebUi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddSingleton<UiText>();
        services.AddScoped<SalesFlows>();
        services.AddScoped<NotificationCounter>();
        services.AddScoped<CircuitScopes>();
        services.AddScoped<UiSender>();

        // Cookie and antiforgery keys in the CRM database: every host on the same database accepts the others' cookies.
        services.AddDataProtection()
            .SetApplicationName("CrmFlow")
            .PersistKeysToDbContext<CrmDbContext>();

        // Use cases read the caller through ICurrentUser; inside a circuit there is no reliable HttpContext,
        // so the circuit's authenticated user is used there (and the request's user everywhere else).
        services.AddScoped<CircuitPrincipal>();
        services.AddScoped<CircuitHandler, CircuitPrincipalHandler>();
        services.Replace(ServiceDescriptor.Scoped<ICurrentUser, UiCurrentUser>());

        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = [.. Cultures];
            o.SupportedUICultures = [.. Cultures];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    public static WebApplication MapCrmWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapWebUiAuthentication();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

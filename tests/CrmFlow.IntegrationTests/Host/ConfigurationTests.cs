using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CrmFlow.IntegrationTests.Host;

/// <summary>Options are validated when the host starts, before any database is touched.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void PostgreSql_without_a_connection_string_fails_at_start_naming_the_key()
    {
        using var factory = new CrmFlowFactory("PostgreSql", "");

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = FindInner<OptionsValidationException>(error);
        Assert.Contains("ConnectionStrings:CrmFlow", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_short_signing_key_fails_at_start()
    {
        using var factory = new CrmFlowFactory(
            "Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), "crmflow-tests", $"{Guid.NewGuid():N}.db")}",
            new Dictionary<string, string?> { ["Auth:SigningKey"] = "short" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Auth:SigningKey", FindInner<OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_database_provider_fails_at_start_naming_the_key()
    {
        using var factory = new CrmFlowFactory("Oracle", "Data Source=unused");

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Database:Provider", AllMessages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_sqlite_file_is_anchored_under_the_content_root()
    {
        var options = new CrmFlow.Crm.Data.DatabaseOptions();
        var contentRoot = Path.Combine(Path.GetTempPath(), "crmflow-content-root");

        options.ResolveConnectionString(null, contentRoot);

        Assert.Equal(
            $"Data Source={Path.Combine(contentRoot, "App_Data", "crmflow.db")}",
            options.ConnectionString);
    }

    [Fact]
    public void Sqlite_in_memory_and_absolute_paths_are_kept_as_configured()
    {
        var options = new CrmFlow.Crm.Data.DatabaseOptions();
        var absolute = Path.Combine(Path.GetTempPath(), "x.db");

        options.ResolveConnectionString($"Data Source={absolute}", "/content");
        var resolvedAbsolute = options.ConnectionString;
        options.ResolveConnectionString("Data Source=:memory:", "/content");

        Assert.Equal($"Data Source={absolute}", resolvedAbsolute);
        Assert.Equal("Data Source=:memory:", options.ConnectionString);
    }

    private static string AllMessages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        return string.Join(Environment.NewLine, messages);
    }

    private static T FindInner<T>(Exception error)
        where T : Exception
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.OfType<T>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} in {error}");
    }
}

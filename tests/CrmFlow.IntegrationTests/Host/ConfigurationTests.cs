using CrmFlow.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmFlow.IntegrationTests.Host;

/// <summary>Options are validated when the host starts, before any database is touched.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Host=db;Username=app", 64, true)]
    [InlineData("Host=db;Username=app;Max Auto Prepare=0;No Reset On Close=false", 0, false)]
    [InlineData("Host=db;Username=app;maxautoprepare=5", 5, true)]
    public void PostgreSql_contexts_prepare_statements_and_skip_the_pool_reset_unless_the_connection_string_says_otherwise(
        string connectionString, int maxAutoPrepare, bool noResetOnClose)
    {
        using var crm = CrmFlow.Crm.Data.CrmDatabase.Create(CrmFlow.Crm.Data.DatabaseProvider.PostgreSql, connectionString);
        using var workflows = CrmFlow.Workflows.Persistence.WorkflowsDatabase.Create(CrmFlow.Workflows.Persistence.DatabaseProvider.PostgreSql, connectionString);

        foreach (var used in new[] { crm.Database.GetConnectionString(), workflows.Database.GetConnectionString() })
        {
            var tuned = new Npgsql.NpgsqlConnectionStringBuilder(used);
            Assert.Equal((maxAutoPrepare, noResetOnClose, "db", "app"), (tuned.MaxAutoPrepare, tuned.NoResetOnClose, tuned.Host, tuned.Username));
        }
    }

    [Fact]
    public void PostgreSql_without_a_connection_string_fails_at_start_naming_the_key()
    {
        var error = StartupError(() => new CrmFlowFactory("PostgreSql", ""));

        var validation = FindInner<OptionsValidationException>(error);
        Assert.Contains("ConnectionStrings:CrmFlow", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_short_signing_key_fails_at_start()
    {
        var error = StartupError(() => new CrmFlowFactory(
            "Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), "crmflow-tests", $"{Guid.NewGuid():N}.db")}",
            new Dictionary<string, string?> { ["Auth:SigningKey"] = "short" }));

        Assert.Contains("Auth:SigningKey", FindInner<OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_database_provider_fails_at_start_naming_the_key()
    {
        var error = StartupError(() => new CrmFlowFactory("Oracle", "Data Source=unused"));

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

    /// <summary>
    /// The exception a failing start raises. When the entry point fails, WebApplicationFactory's deferred host
    /// can observe the already-disposed host first and report an ObjectDisposedException instead of the cause;
    /// that race is retried (a fresh factory each time) so the test sees the real start-up error.
    /// </summary>
    private static Exception StartupError(Func<CrmFlowFactory> create)
    {
        Exception? error = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var factory = create();
            error = Assert.ThrowsAny<Exception>(() => factory.Server);
            if (!IsDisposedHostRace(error))
            {
                return error;
            }
        }

        return error!;
    }

    private static bool IsDisposedHostRace(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is ObjectDisposedException)
            {
                return true;
            }
        }

        return false;
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

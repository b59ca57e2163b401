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

using Microsoft.Extensions.Configuration;

namespace CrmFlow.IntegrationTests.Host;

/// <summary>The commented samples in appsettings.samples/ load as .NET configuration and are complete.</summary>
public sealed class SampleSettingsTests
{
    public static TheoryData<string, string> Samples => new()
    {
        { "sqlite.json", "Sqlite" },
        { "postgresql.json", "PostgreSql" },
        { "sqlserver.json", "SqlServer" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_loads_and_sets_every_documented_key(string file, string provider)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot(), "appsettings.samples", file), optional: false)
            .Build();

        Assert.Equal(provider, configuration["Database:Provider"]);
        foreach (var key in new[]
        {
            "ConnectionStrings:CrmFlow", "Database:MigrateOnStartup", "Auth:Issuer", "Auth:Audience",
            "Auth:AccessTokenLifetime", "Auth:RefreshTokenLifetime", "Demo:Seed", "Demo:Password",
            "Serilog:WriteTo:0:Name", "Serilog:WriteTo:1:Args:path",
        })
        {
            Assert.False(string.IsNullOrEmpty(configuration[key]), $"{file} lacks {key}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrmFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CrmFlow.sln not found above the test output folder.");
    }
}

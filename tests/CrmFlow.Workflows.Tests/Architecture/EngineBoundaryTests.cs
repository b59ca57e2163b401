using System.Reflection;
using System.Xml.Linq;
using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Tests.Architecture;

/// <summary>
/// The engine could ship in another product as is: it references no EF Core, ASP.NET Core, Mediator or
/// CRM code, neither in its compiled references nor in its project file.
/// </summary>
public sealed class EngineBoundaryTests
{
    private static readonly string[] ForbiddenPrefixes =
    [
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "Mediator",
        "MediatR",
        "CrmFlow.",
        "Npgsql",
        "Microsoft.Data.SqlClient",
        "Microsoft.Data.Sqlite",
        "FluentValidation",
    ];

    private static Assembly Engine => typeof(ExpressionModel).Assembly;

    [Fact]
    public void Engine_assembly_references_no_EF_Core_ASP_NET_Core_Mediator_or_CRM_assembly()
    {
        var offending = Engine.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => ForbiddenPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Engine_project_file_declares_no_forbidden_package_or_project_reference()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot.Find(), "src", "CrmFlow.Workflows", "CrmFlow.Workflows.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? string.Empty))
            .ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, r => ForbiddenPrefixes.Any(p => r.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Engine_defines_no_mediator_request_types()
    {
        var names = Engine.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain("IMediator", names);
        Assert.DoesNotContain("IRequest", names);
        Assert.DoesNotContain("ISender", names);
    }
}

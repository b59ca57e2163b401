using CrmFlow.Crm.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.ListDepartments;

public sealed record ListDepartmentsQuery : IQuery<IReadOnlyList<DepartmentSummary>>;

public sealed record DepartmentSummary(Guid Id, string Code, string Name, int UserCount);

internal sealed class ListDepartmentsHandler(CrmDbContext db) : IQueryHandler<ListDepartmentsQuery, IReadOnlyList<DepartmentSummary>>
{
    public async ValueTask<IReadOnlyList<DepartmentSummary>> Handle(ListDepartmentsQuery query, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking()
            .OrderBy(d => d.Code)
            .Select(d => new DepartmentSummary(d.Id, d.Code, d.Name, db.Users.Count(u => u.DepartmentId == d.Id)))
            .ToListAsync(cancellationToken);
}

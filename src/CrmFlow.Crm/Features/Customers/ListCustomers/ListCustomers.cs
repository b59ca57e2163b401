using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.ListCustomers;

/// <summary>Searches the customers (or prospects) the caller may read; <paramref name="Search"/> matches code or name.</summary>
public sealed record ListCustomersQuery(
    CustomerKind? Kind = null,
    string? Search = null,
    string? Industry = null,
    string? Region = null,
    Guid? OwnerId = null,
    bool? Unowned = null,
    Guid? CreatedById = null,
    int Page = 1,
    int PageSize = 20) : IQuery<PagedList<CustomerListItem>>;

public sealed record CustomerListItem(
    Guid Id,
    string Code,
    string Name,
    CustomerKind Kind,
    string? Industry,
    string? Region,
    Guid? OwnerId,
    string? OwnerName,
    Guid CreatedById,
    string? CreatedByName,
    DateTimeOffset CreatedAt);

internal sealed class ListCustomersValidator : AbstractValidator<ListCustomersQuery>
{
    public const int MaxPageSize = 200;

    public ListCustomersValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(100);
        RuleFor(q => q.Kind).IsInEnum();
    }
}

internal sealed class ListCustomersHandler(CrmDbContext db, ICurrentUser user)
    : IQueryHandler<ListCustomersQuery, PagedList<CustomerListItem>>
{
    public async ValueTask<PagedList<CustomerListItem>> Handle(ListCustomersQuery query, CancellationToken cancellationToken)
    {
        var customers = db.Customers.AsNoTracking().VisibleTo(user, Access.Read);
        if (query.Kind is { } kind)
        {
            customers = customers.Where(c => c.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            customers = customers.Where(c => c.Code.ToLower().Contains(search) || c.Name.ToLower().Contains(search));
        }

        if (!string.IsNullOrWhiteSpace(query.Industry))
        {
            customers = customers.Where(c => c.Industry == query.Industry.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            customers = customers.Where(c => c.Region == query.Region.Trim());
        }

        if (query.OwnerId is { } ownerId)
        {
            customers = customers.Where(c => c.OwnerId == ownerId);
        }

        if (query.Unowned == true)
        {
            customers = customers.Where(c => c.OwnerId == null);
        }

        if (query.CreatedById is { } createdById)
        {
            customers = customers.Where(c => c.CreatedById == createdById);
        }

        var total = await customers.CountAsync(cancellationToken);
        var items = await customers
            .OrderBy(c => c.Code)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(c => new CustomerListItem(
                c.Id,
                c.Code,
                c.Name,
                c.Kind,
                c.Industry,
                c.Region,
                c.OwnerId,
                db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                c.CreatedById,
                db.Users.Where(u => u.Id == c.CreatedById).Select(u => u.DisplayName).FirstOrDefault(),
                c.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PagedList<CustomerListItem>(items, query.Page, query.PageSize, total);
    }
}

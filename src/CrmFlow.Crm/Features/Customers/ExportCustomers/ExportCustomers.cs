using System.Globalization;
using System.Text;
using CrmFlow.Crm.Common.Access;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Customers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Customers.ExportCustomers;

/// <summary>CSV export of the customers (or prospects) the caller may read, one line per contact (or one without).</summary>
public sealed record ExportCustomersQuery(CustomerKind? Kind = null, string? Search = null) : IQuery<CustomerExport>;

public sealed record CustomerExport(string FileName, string Csv, int CustomerCount);

internal sealed class ExportCustomersValidator : AbstractValidator<ExportCustomersQuery>
{
    public ExportCustomersValidator()
    {
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.Search).MaximumLength(100);
    }
}

internal sealed class ExportCustomersHandler(CrmDbContext db, ICurrentUser user, TimeProvider time)
    : IQueryHandler<ExportCustomersQuery, CustomerExport>
{
    public const int MaxCustomers = 10_000;

    public async ValueTask<CustomerExport> Handle(ExportCustomersQuery query, CancellationToken cancellationToken)
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

        var rows = await customers
            .OrderBy(c => c.Code)
            .Take(MaxCustomers)
            .Select(c => new
            {
                c.Code,
                c.Name,
                c.Kind,
                c.Industry,
                c.Region,
                Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.UserName).FirstOrDefault(),
                Contacts = db.Contacts.Where(ct => ct.CustomerId == c.Id).OrderBy(ct => ct.Name)
                    .Select(ct => new { ct.Name, ct.Title, ct.Phone, ct.Email }).ToList(),
            })
            .ToListAsync(cancellationToken);

        var csv = new StringBuilder("code,name,kind,industry,region,owner,contact,title,phone,email\n");
        foreach (var c in rows)
        {
            var head = new[] { c.Code, c.Name, c.Kind.ToString(), c.Industry, c.Region, c.Owner };
            if (c.Contacts.Count == 0)
            {
                AppendLine(csv, [.. head, null, null, null, null]);
            }

            foreach (var ct in c.Contacts)
            {
                AppendLine(csv, [.. head, ct.Name, ct.Title, ct.Phone, ct.Email]);
            }
        }

        var stamp = time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new CustomerExport($"customers-{stamp}.csv", csv.ToString(), rows.Count);
    }

    private static void AppendLine(StringBuilder csv, string?[] fields)
    {
        csv.AppendJoin(',', fields.Select(Escape)).Append('\n');

        // Quote every field that needs it; neutralise spreadsheet formulas (CSV injection).
        static string Escape(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }

            if (value[0] is '=' or '+' or '-' or '@')
            {
                value = "'" + value;
            }

            return value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        }
    }
}

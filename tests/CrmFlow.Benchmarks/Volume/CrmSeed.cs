namespace CrmFlow.Benchmarks.Volume;

/// <summary>Users, their roles, customers and data permissions, written straight into the CRM tables.</summary>
internal static class CrmSeed
{
    public static async Task<Guid[]> UsersAsync(BenchDatabase database, int count, DateTimeOffset now, Func<int, IEnumerable<string>> roles)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var users = await BulkTable.OpenAsync(database, "Users",
            "Id", "CreatedAt", "DepartmentId", "DisplayName", "IsActive", "NormalizedUserName", "PasswordHash", "UserName"))
        {
            for (var i = 0; i < count; i++)
            {
                var userName = $"bench{i:D5}";
                await users.AddAsync(ids[i], now, null, $"Bench User {i:D5}", true, userName.ToUpperInvariant(), "not-a-hash", userName);
            }

            await users.CompleteAsync();
        }

        await using (var userRoles = await BulkTable.OpenAsync(database, "UserRoles", "UserId", "Role"))
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var role in roles(i).Distinct(StringComparer.Ordinal))
                {
                    await userRoles.AddAsync(ids[i], role);
                }
            }

            await userRoles.CompleteAsync();
        }

        return ids;
    }

    /// <summary>Customers owned by <paramref name="ownerOf"/>(index); each owner gets a read/write grant on its customers.</summary>
    public static async Task<Guid[]> CustomersAsync(
        BenchDatabase database, int count, DateTimeOffset now, Func<int, Guid> ownerOf, Func<int, bool> isFormal, bool grantOwners)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        string[] industries = ["Manufacturing", "Retail", "Energy", "Health", "Logistics", "Finance"];
        string[] regions = ["North", "East", "South", "West", "Central"];
        await using (var customers = await BulkTable.OpenAsync(database, "Customers",
            "Id", "Code", "CreatedAt", "CreatedById", "Industry", "Kind", "Name", "OwnerAssignedAt", "OwnerId", "Region", "UpdatedAt"))
        {
            for (var i = 0; i < count; i++)
            {
                var owner = ownerOf(i);
                await customers.AddAsync(ids[i], $"C{i:D7}", now, owner, industries[i % industries.Length], isFormal(i) ? "Formal" : "Prospect",
                    $"Customer {i:D7}", now, owner, regions[i % regions.Length], null);
            }

            await customers.CompleteAsync();
        }

        if (grantOwners)
        {
            await using var permissions = await BulkTable.OpenAsync(database, "CustomerPermissions",
                "CustomerId", "UserId", "CanRead", "CanWrite", "GrantedAt", "GrantedById");
            for (var i = 0; i < count; i++)
            {
                await permissions.AddAsync(ids[i], ownerOf(i), true, true, now, ownerOf(i));
            }

            await permissions.CompleteAsync();
        }

        return ids;
    }
}

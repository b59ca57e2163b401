using CrmFlow.Crm.Common.Results;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Crm.Domain.Identity;
using CrmFlow.Crm.Features.Identity.Tokens;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Crm.Features.Identity.CreateApiClient;

/// <summary>Creates an integration client with the given roles (default IntegrationClient). The key is returned once.</summary>
public sealed record CreateApiClientCommand(string Name, IReadOnlyList<string>? Roles = null) : ICommand<Result<ApiClientCreated>>;

/// <summary><paramref name="ApiKey"/> is shown only in this response; the database keeps its hash.</summary>
public sealed record ApiClientCreated(Guid Id, string Name, string KeyPrefix, string ApiKey, IReadOnlyList<string> Roles);

internal sealed class CreateApiClientValidator : AbstractValidator<CreateApiClientCommand>
{
    public CreateApiClientValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(128);
        RuleForEach(c => c.Roles).Must(r => CrmRoles.All.Contains(r, StringComparer.Ordinal))
            .WithMessage("Unknown role '{PropertyValue}'.");
    }
}

internal sealed class CreateApiClientHandler(CrmDbContext db, TimeProvider time)
    : ICommandHandler<CreateApiClientCommand, Result<ApiClientCreated>>
{
    public const string NameTaken = "api_client.name_taken";

    public async ValueTask<Result<ApiClientCreated>> Handle(CreateApiClientCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name.Trim();
        if (await db.ApiClients.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return Result<ApiClientCreated>.Refused(NameTaken, $"An API client named '{name}' exists.");
        }

        var key = SecretHashing.NewApiKey();
        var client = new ApiClient(Guid.CreateVersion7(), name, SecretHashing.KeyPrefix(key), SecretHashing.Sha256Hex(key), time.GetUtcNow());
        var roles = command.Roles is { Count: > 0 } given ? given.Distinct(StringComparer.Ordinal).ToList() : [CrmRoles.IntegrationClient];
        roles.ForEach(client.AddRole);
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return Result<ApiClientCreated>.Ok(new ApiClientCreated(client.Id, client.Name, client.KeyPrefix, key, roles));
    }
}

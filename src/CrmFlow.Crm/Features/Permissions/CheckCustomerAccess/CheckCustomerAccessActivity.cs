using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;

[Activity("CrmFlow.Permissions", "CheckCustomerAccess", Version = 1, Category = "Permissions", DisplayName = "Check customer access",
    Description = "Permission verification: reports the users who cannot read the customer (it never grants).")]
[FlowNode(Granted, MissingAccess)]
internal sealed class CheckCustomerAccessActivity : CodeActivity
{
    public const string Granted = nameof(Granted);
    public const string MissingAccess = nameof(MissingAccess);

    [Input(Description = "The customer id.", UIHint = "singleline")]
    public Input<string> CustomerId { get; set; } = default!;

    [Input(Description = "The users to check (ids).", UIHint = "multitext")]
    public Input<string[]> UserIds { get; set; } = default!;

    [Output(Description = "The users without access.")]
    public Output<string[]> UsersWithoutAccess { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        var users = (context.Get(UserIds) ?? []).Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        if (users.Count == 0)
        {
            context.Set(UsersWithoutAccess, []);
            return MissingAccess;
        }

        var sender = (ISender)context.Services.GetService(typeof(ISender))!;
        var report = await sender.Send(new CheckCustomerAccessQuery(Guid.Parse(context.Get(CustomerId) ?? string.Empty), users), context.CancellationToken);
        context.Set(UsersWithoutAccess, [.. report.UsersWithoutAccess.Select(id => id.ToString())]);
        return report.UsersWithoutAccess.Count == 0 ? Granted : MissingAccess;
    }
}

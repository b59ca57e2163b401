using CrmFlow.Crm.Common.Access;
using CrmFlow.Workflows.Activities;
using CrmFlow.Workflows.Runtime;
using Mediator;

namespace CrmFlow.Crm.Features.Permissions.CheckCustomerAccess;

/// <summary>Permission verification (权限校验) in a flow: reports the users lacking a right on a customer; never grants.</summary>
[Activity("CrmFlow.Permissions", "CheckCustomerAccess", Version = 1, Category = "Permissions", DisplayName = "Check customer access",
    Description = "Reports which users lack read or write on a customer (it never grants).")]
[FlowNode(Granted, MissingAccess)]
internal sealed class CheckCustomerAccessActivity : CodeActivity
{
    public const string Granted = nameof(Granted);
    public const string MissingAccess = nameof(MissingAccess);

    [Input(Description = "The customer.")]
    public Input<Guid> CustomerId { get; set; } = default!;

    [Input(Description = "Users to check.")]
    public Input<IReadOnlyList<Guid>> UserIds { get; set; } = default!;

    [Input(Description = "The right needed: Read or Write.", DefaultValue = "Write", UIHint = "dropdown", Options = ["Read", "Write"])]
    public Input<string> Access { get; set; } = default!;

    [Output(Description = "The users without the right.")]
    public Output<IReadOnlyList<Guid>> UsersWithoutAccess { get; set; } = default!;

    protected override async ValueTask<string> ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var access = Enum.TryParse<Access>(context.Get(Access), ignoreCase: true, out var parsed) ? parsed : Common.Access.Access.Write;
        var sender = context.Services.GetRequiredService<ISender>();
        var report = await sender.Send(
            new CheckCustomerAccessQuery(context.Get(CustomerId), context.Get(UserIds) ?? [], access), context.CancellationToken).ConfigureAwait(false);
        context.Set(UsersWithoutAccess, report.UsersWithoutAccess);
        return report.UsersWithoutAccess.Count == 0 ? Granted : MissingAccess;
    }
}

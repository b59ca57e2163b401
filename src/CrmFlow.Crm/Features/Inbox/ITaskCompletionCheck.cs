using System.Text.Json.Nodes;
using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Crm.Features.Inbox;

/// <summary>
/// A feature's own rules for completing its kind of task (<see cref="UserTaskSpec.Kind"/>), applied by the complete
/// operation after the form's field checks and before the flow resumes, so a bad completion leaves the task open and
/// changes nothing. E.g. a survey task checks the answers like response entry does.
/// </summary>
internal interface ITaskCompletionCheck
{
    /// <summary>The task kind this check is for.</summary>
    string Kind { get; }

    /// <summary>
    /// Throws a <see cref="FluentValidation.ValidationException"/> naming <c>Values.&lt;field&gt;</c> for bad values
    /// (400); returns a refusal (422) or null when the completion may go on.
    /// </summary>
    ValueTask<Refusal?> CheckAsync(UserTaskItem task, JsonObject values, CancellationToken cancellationToken);
}

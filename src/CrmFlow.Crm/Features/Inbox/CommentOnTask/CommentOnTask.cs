using CrmFlow.Crm.Common.Results;
using CrmFlow.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace CrmFlow.Crm.Features.Inbox.CommentOnTask;

/// <summary>Adds a comment to a task the caller can see.</summary>
public sealed record CommentOnTaskCommand(string Id, string Text) : ICommand<Result<UserTaskComment>>;

internal sealed class CommentOnTaskValidator : AbstractValidator<CommentOnTaskCommand>
{
    public CommentOnTaskValidator() => RuleFor(c => c.Text).NotEmpty().MaximumLength(4000);
}

internal sealed class CommentOnTaskHandler(IUserTaskStore store, InboxAccess access) : ICommandHandler<CommentOnTaskCommand, Result<UserTaskComment>>
{
    public async ValueTask<Result<UserTaskComment>> Handle(CommentOnTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await store.FindAsync(command.Id, cancellationToken);
        if (task is null || !access.CanSee(task))
        {
            return Result<UserTaskComment>.NotFound();
        }

        return Result<UserTaskComment>.Ok(await store.AddCommentAsync(task.Id, access.UserId, command.Text.Trim(), cancellationToken));
    }
}

using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Tests.Support;

/// <summary>The expression evaluators the tests run with, collected in one place.</summary>
public static class TestEvaluators
{
    public static IReadOnlyList<IExpressionEvaluator> All() => WorkflowExpressions.CreateEvaluators();
}

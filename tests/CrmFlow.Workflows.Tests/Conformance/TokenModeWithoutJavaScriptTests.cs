using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Tests.Support;

namespace CrmFlow.Workflows.Tests.Conformance;

/// <summary>
/// The token-mode join scenarios with their only script (<c>return false;</c> on the decision) replaced by the
/// Literal <c>false</c>, so the merge semantics are checked before the JavaScript evaluator lands.
/// </summary>
public class TokenModeWithoutJavaScriptTests
{
    [Fact]
    public async Task Stream_merge_proceeds_past_the_untaken_branch()
    {
        var host = new TestHost();
        var definition = Wf.ReplaceScript(host.ImportAndPublish("merge-mode-stream", "fork-decision-join-none.json"), "return false;", false);

        var result = await host.RunToEndAsync(definition, tokenMode: true);

        Assert.Equal(["A", "C"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }

    [Fact]
    public async Task Converge_merge_blocks_on_the_untaken_branch()
    {
        var host = new TestHost();
        var definition = Wf.ReplaceScript(host.ImportAndPublish("merge-mode-converge", "fork-decision-join-converge-strict.json"), "return false;", false);

        await host.RunToEndAsync(definition, tokenMode: true);

        Assert.Equal(["A"], host.Lines);
    }

    [Fact]
    public async Task Wait_all_join_blocks_and_the_fault_faults_the_workflow_with_one_incident()
    {
        var host = new TestHost();
        var definition = Wf.ReplaceScript(host.ImportAndPublish("join-wait-all-with-fault", "fork-decision-join-waitall.json"), "return false;", false);

        var result = await host.RunToEndAsync(definition, tokenMode: true);

        Assert.Equal(["A", "C", "B", "D"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        var incident = Assert.Single(result.Incidents);
        Assert.Equal("Elsa.Fault", incident.ActivityType);
        Assert.Equal("that went south", incident.Message);
    }

    [Fact]
    public async Task Counter_mode_implicit_join_after_untaken_branch_still_runs_once()
    {
        var host = new TestHost();
        var definition = Wf.ReplaceScript(host.ImportAndPublish("merge-mode-stream", "fork-decision-join-none.json"), "return false;", false);

        var result = await host.RunToEndAsync(definition);

        Assert.Equal(["A", "C"], host.Lines);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
    }
}

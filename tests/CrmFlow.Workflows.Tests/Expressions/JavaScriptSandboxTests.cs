using System.Diagnostics;
using CrmFlow.Workflows.Expressions;
using CrmFlow.Workflows.Expressions.JavaScript;

namespace CrmFlow.Workflows.Tests.Expressions;

public sealed class JavaScriptSandboxTests
{
    private static JavaScriptEvaluator Create(Action<ScriptingOptions>? configure = null)
    {
        var options = new ScriptingOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        configure?.Invoke(options);
        return new JavaScriptEvaluator(options);
    }

    private static async Task<ScriptLimitExceededException> AssertLimit(JavaScriptEvaluator evaluator, string script, string limit)
    {
        var thrown = await Assert.ThrowsAsync<ScriptLimitExceededException>(async () =>
            await evaluator.EvaluateScriptAsync(script, typeof(object), new TestExpressionContext()));
        Assert.Equal(limit, thrown.Limit);
        return thrown;
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;) { let x = 1; }")]
    [InlineData("const o = {}; while (true) { o.x = 1; }")]
    public async Task An_infinite_loop_fails_on_the_time_limit_and_the_engine_stays_usable(string script)
    {
        using var evaluator = Create(o => o.MaxStatements = int.MaxValue);
        var watch = Stopwatch.StartNew();

        var thrown = await AssertLimit(evaluator, script, "Timeout");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains("300 ms", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(2d, await evaluator.EvaluateScriptAsync("1 + 1", typeof(object), new TestExpressionContext()));
    }

    [Fact]
    public async Task Deep_recursion_fails_on_the_recursion_limit()
    {
        using var evaluator = Create(o => o.RecursionLimit = 50);

        await AssertLimit(evaluator, "function f(n) { return f(n + 1) + 1; } return f(0);", "Recursion");
        await AssertLimit(evaluator, "const f = (n) => f(n + 1); f(0)", "Recursion");
        Assert.Equal(10d, await evaluator.EvaluateScriptAsync("const f = (n) => n === 0 ? 0 : 1 + f(n - 1); f(10)", typeof(object), new TestExpressionContext()));
    }

    [Fact]
    public async Task Default_limits_stop_unbounded_recursion_before_the_stack_runs_out()
    {
        using var evaluator = new JavaScriptEvaluator();
        var context = new TestExpressionContext();

        await Task.Run(async () =>
        {
            var thrown = await Assert.ThrowsAsync<ScriptLimitExceededException>(async () =>
                await evaluator.EvaluateScriptAsync("function f(n) { const a = [n, { n }]; return 1 + f(n + 1) + a.length; } f(0)", typeof(object), context));
            Assert.Equal("Recursion", thrown.Limit);
        }, TestContext.Current.CancellationToken);

        Assert.Equal(200d, await evaluator.EvaluateScriptAsync("const f = (n) => n === 0 ? 0 : 1 + f(n - 1); f(200)", typeof(object), context));
    }

    [Fact]
    public async Task Huge_allocations_fail_on_the_memory_limit()
    {
        using var evaluator = Create(o =>
        {
            o.MemoryLimitBytes = 4 * 1024 * 1024;
            o.Timeout = TimeSpan.FromSeconds(20);
        });

        await AssertLimit(evaluator, "const a = []; while (true) { a.push({ n: a.length, s: 'x' + a.length }); }", "Memory");
        await AssertLimit(evaluator, "let s = 'x'; while (true) { s = s + s; } s.length", "Memory");
    }

    [Fact]
    public async Task Runaway_statement_counts_fail_on_the_statement_limit()
    {
        using var evaluator = Create(o =>
        {
            o.MaxStatements = 1000;
            o.Timeout = TimeSpan.FromSeconds(20);
        });

        await AssertLimit(evaluator, "let i = 0; while (i < 1e9) { i++; }", "Statements");
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/hostname')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("getData().GetType().Assembly")]
    public async Task Clr_access_is_refused_by_default(string script)
    {
        using var evaluator = Create();
        var context = new TestExpressionContext().WithVariable("Data", new JavaScriptEvaluatorTests.ChildResult("x", new Dictionary<string, object?>()));

        await Assert.ThrowsAsync<ExpressionEvaluationException>(async () => await evaluator.EvaluateScriptAsync(script, typeof(object), context));
    }

    [Fact]
    public async Task Clr_access_can_be_allowed()
    {
        using var evaluator = Create(o => o.AllowClr = true);

        var result = await evaluator.EvaluateScriptAsync("System.String.Concat('a', 'b')", typeof(string), new TestExpressionContext());

        Assert.Equal("ab", result);
    }

    [Fact]
    public async Task String_compilation_cannot_reach_a_pooled_engine()
    {
        using var evaluator = Create();
        var context = new TestExpressionContext();

        // eval and Function make a script non-poolable: it runs on an engine of its own, thrown away afterwards.
        await evaluator.EvaluateScriptAsync("eval('var leaked = 1'); globalThis.leaked2 = 2; 1", typeof(object), context);
        Assert.Equal("undefined undefined", await evaluator.EvaluateScriptAsync("typeof leaked + ' ' + typeof leaked2", typeof(string), context));

        // A dynamically computed key reaching a built-in prototype finds it frozen.
        await Assert.ThrowsAsync<ExpressionEvaluationException>(async () =>
            await evaluator.EvaluateScriptAsync("const k = 'proto' + 'type'; Object.assign(Array[k], { polluted: 1 })", typeof(object), context));
        Assert.Equal("undefined", await evaluator.EvaluateScriptAsync("typeof [].polluted", typeof(string), context));
    }

    [Fact]
    public async Task Lazily_frozen_namespaces_are_frozen_before_a_script_names_them()
    {
        using var evaluator = Create(o => o.Timeout = TimeSpan.FromSeconds(20));
        var context = new TestExpressionContext();

        await Assert.ThrowsAsync<ExpressionEvaluationException>(async () =>
            await evaluator.EvaluateScriptAsync("Object.assign(Intl, { polluted: 1 })", typeof(object), context));
        Assert.Equal("undefined", await evaluator.EvaluateScriptAsync("typeof Intl.polluted", typeof(string), context));
    }

    [Fact]
    public async Task Scripts_that_write_to_their_own_objects_still_work()
    {
        using var evaluator = Create();
        var context = new TestExpressionContext().WithVariable("Items", new[] { 1, 2, 3 });

        var result = await evaluator.EvaluateScriptAsync(
            "const o = { total: 0 }; for (const i of getItems()) { o.total += i; } const e = new Error(); e.message = 'm'; o.total + e.message",
            typeof(string), context);

        Assert.Equal("6m", result);
    }

    [Fact]
    public async Task Cancelling_the_context_cancels_the_script()
    {
        using var evaluator = Create(o => o.Timeout = TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource();
        var context = new TestExpressionContext { CancellationToken = cancellation.Token };
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await evaluator.EvaluateScriptAsync("while (true) {}", typeof(object), context));
    }

    [Fact]
    public async Task Already_cancelled_contexts_do_not_run_scripts()
    {
        using var evaluator = Create();
        var context = new TestExpressionContext { CancellationToken = new CancellationToken(canceled: true) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await evaluator.EvaluateScriptAsync("setVariable('Ran', true)", typeof(object), context));
        Assert.False(context.Values.ContainsKey("Ran"));
    }
}

using BenchmarkDotNet.Running;
using CrmFlow.Benchmarks.Volume;

// `inbox` and `pyramid` are data-volume benchmarks (seed, warm up, measure, print a table); every other argument
// list goes to BenchmarkDotNet's switcher. See docs/benchmarks.md.
return args.FirstOrDefault() switch
{
    "inbox" => await VolumeCommand.RunAsync(args[1..], InboxBenchmark.RunAsync),
    "pyramid" => await VolumeCommand.RunAsync(args[1..], PyramidBenchmark.RunAsync),
    _ => RunSwitcher(args),
};

static int RunSwitcher(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}

/// <summary>Benchmark entry point.</summary>
internal sealed partial class Program;

using System.Collections.Concurrent;
using CrmFlow.Workflows.Model;

namespace CrmFlow.Workflows.Activities;

/// <summary>
/// Connection analysis of one flowchart: outbound/inbound connections in JSON order, and which connections
/// are "forward" (reached breadth-first from the start without closing a cycle) versus backward (loops).
/// </summary>
internal sealed class FlowGraph
{
    private readonly Dictionary<string, List<Connection>> _outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Connection>> _inbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Connection>> _forwardInbound = new(StringComparer.Ordinal);
    private readonly HashSet<Connection> _forward = [];
    private readonly ConcurrentDictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);

    public FlowGraph(ActivityNode flowchart, string? startId)
    {
        Flowchart = flowchart;
        Connections = flowchart.Connections;
        foreach (var c in Connections)
        {
            Add(_outbound, c.SourceId, c);
            Add(_inbound, c.TargetId, c);
        }

        if (startId != null)
        {
            ComputeForward(startId);
        }

        foreach (var c in _forward)
        {
            Add(_forwardInbound, c.TargetId, c);
        }

        // Keep JSON order in forward inbound lists.
        foreach (var list in _forwardInbound.Values)
        {
            list.Sort((a, b) => IndexOf(a).CompareTo(IndexOf(b)));
        }
    }

    public ActivityNode Flowchart { get; }

    public IReadOnlyList<Connection> Connections { get; }

    public IReadOnlyList<Connection> Outbound(string id) => _outbound.TryGetValue(id, out var l) ? l : [];

    public IReadOnlyList<Connection> Inbound(string id) => _inbound.TryGetValue(id, out var l) ? l : [];

    public IReadOnlyList<Connection> ForwardInbound(string id) => _forwardInbound.TryGetValue(id, out var l) ? l : [];

    public bool IsBackward(Connection c) => !_forward.Contains(c);

    /// <summary>Activities from which <paramref name="id"/> is reachable through forward connections.</summary>
    public HashSet<string> Ancestors(string id) => _ancestors.GetOrAdd(id, ComputeAncestors);

    private HashSet<string> ComputeAncestors(string id)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(id);
        while (queue.Count > 0)
        {
            foreach (var c in ForwardInbound(queue.Dequeue()))
            {
                if (set.Add(c.SourceId))
                {
                    queue.Enqueue(c.SourceId);
                }
            }
        }

        return set;
    }

    private int IndexOf(Connection c)
    {
        for (var i = 0; i < Connections.Count; i++)
        {
            if (ReferenceEquals(Connections[i], c))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private void ComputeForward(string startId)
    {
        var edges = new List<(string Source, string Target)>();
        var visitedEdges = new HashSet<(string, string)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(startId);
        while (queue.Count > 0)
        {
            var source = queue.Dequeue();
            if (!visited.Add(source))
            {
                continue;
            }

            foreach (var c in Outbound(source))
            {
                var edge = (source, c.TargetId);
                if (visitedEdges.Contains(edge))
                {
                    continue;
                }

                if (HasPath(edges, c.TargetId, source))
                {
                    continue;
                }

                visitedEdges.Add(edge);
                edges.Add(edge);
                if (!visited.Contains(c.TargetId))
                {
                    queue.Enqueue(c.TargetId);
                }
            }
        }

        var set = visitedEdges;
        foreach (var c in Connections)
        {
            if (set.Contains((c.SourceId, c.TargetId)))
            {
                _forward.Add(c);
            }
        }
    }

    private static bool HasPath(List<(string Source, string Target)> edges, string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == to)
            {
                return true;
            }

            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var (s, t) in edges)
            {
                if (s == current && !seen.Contains(t))
                {
                    stack.Push(t);
                }
            }
        }

        return false;
    }

    private static void Add(Dictionary<string, List<Connection>> map, string key, Connection c)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(c);
    }
}

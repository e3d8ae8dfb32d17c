using System.Globalization;

namespace SessionApp.Benchmarks.Failover;

/// <summary>The cluster's nodes as <c>CLUSTER NODES</c> lists them: who is a primary, of which slots, and whose replica.</summary>
internal sealed record ClusterTopology(IReadOnlyList<ClusterNode> Nodes)
{
    public ClusterNode PrimaryOf(int slot) => Nodes.First(n => n.IsPrimary && n.Slots.Any(r => r.Start <= slot && slot <= r.End));

    public ClusterNode ReplicaOf(ClusterNode primary) => Nodes.First(n => !n.IsPrimary && n.PrimaryId == primary.Id);

    public static ClusterTopology Parse(string text)
    {
        var nodes = new List<ClusterNode>();
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // <id> <ip:port@cport> <flags> <primary> <ping-sent> <pong-recv> <epoch> <link-state> <slot> <slot> ...
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 8)
            {
                continue;
            }

            var address = parts[1].Split('@')[0];
            var port = int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            var flags = parts[2].Split(',');
            var slots = new List<(int Start, int End)>();
            foreach (var range in parts.Skip(8).Where(static p => !p.StartsWith('[')))
            {
                var bounds = range.Split('-');
                var start = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                slots.Add((start, bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : start));
            }

            nodes.Add(new ClusterNode(parts[0], port, flags.Contains("master"), flags.Contains("fail") || flags.Contains("fail?"), parts[3], slots));
        }

        return new ClusterTopology(nodes);
    }
}

/// <summary>One node of <see cref="ClusterTopology"/>.</summary>
internal sealed record ClusterNode(string Id, int Port, bool IsPrimary, bool IsFailing, string PrimaryId, IReadOnlyList<(int Start, int End)> Slots)
{
    public bool Owns(int slot) => Slots.Any(r => r.Start <= slot && slot <= r.End);
}

using System.Text;
using SessionApp.Sessions.Storage;

namespace SessionApp.Benchmarks.Failover;

/// <summary>Redis Cluster's hash slot of a key: the slot (<see cref="RedisSlots"/>) of its hash tag, or of the whole key.</summary>
internal static class HashSlot
{
    /// <summary>The slot of the session a handle names: the slot of its key, whose hash tag a compact handle only begins with.</summary>
    public static int OfSession(string handle) => Of((string)SessionKeys.SessionUnder("slot", handle)!);

    public static int Of(string key)
    {
        var open = key.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = key.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                key = key[(open + 1)..close];
            }
        }

        return RedisSlots.SlotOf(Encoding.UTF8.GetBytes(key));
    }
}

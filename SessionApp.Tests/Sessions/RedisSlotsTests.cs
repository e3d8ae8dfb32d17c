using System.Text;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

/// <summary>The hash slots compact session keys are placed by: Redis Cluster's own, and a tag for every one of them.</summary>
public sealed class RedisSlotsTests
{
    [Theory]
    [InlineData("somekey", 11058)]
    [InlineData("hash_tag", 2515)]
    [InlineData("foo", 12182)]
    [InlineData("sessionapp:users", 5422)]
    public void SlotOf_IsTheSlotRedisClusterGives(string key, int slot)
    {
        // Arrange: the slots are CLUSTER KEYSLOT's answers (redis-server 7.0.15)

        // Act
        var ours = RedisSlots.SlotOf(Encoding.ASCII.GetBytes(key));

        // Assert
        Assert.Equal(slot, ours);
    }

    [Fact]
    public void EverySlot_HasAThreeCharacterBase64UrlTagThatHashesToIt()
    {
        // Act
        var wrong = Enumerable.Range(0, RedisSlots.SlotCount)
            .Where(slot => RedisSlots.SlotOf(RedisSlots.TagOf(slot)) != slot || !RedisSlots.TagOf(slot).ToArray().All(static b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_'))
            .ToList();

        // Assert
        Assert.Empty(wrong);
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

public sealed class SessionIdsTests
{
    [Fact]
    public void NewId_Is256RandomBitsInCanonicalBase64Url()
    {
        // Act
        var ids = Enumerable.Range(0, 100).Select(_ => SessionIds.NewId()).ToList();

        // Assert
        Assert.All(ids, id => Assert.True(SessionIds.IsWellFormed(id)));
        Assert.All(ids, id => Assert.Equal(32, Base64Url.DecodeFromChars(id).Length));
        Assert.Equal(100, ids.Distinct().Count());
    }

    [Fact]
    public void IsWellFormed_LastCharacterWithItsUnusedBitsSet_IsRejected()
    {
        // Arrange: an id ending in 'A' (no bits set); 'B' sets one of the two bits that carry no data
        var bytes = RandomNumberGenerator.GetBytes(32);
        bytes[^1] &= 0xF0;
        var canonical = Base64Url.EncodeToString(bytes);
        var alias = canonical[..^1] + "B";

        // Act
        var canonicalAccepted = SessionIds.IsWellFormed(canonical);
        var aliasAccepted = SessionIds.IsWellFormed(alias);

        // Assert
        Assert.EndsWith("A", canonical, StringComparison.Ordinal);
        Assert.True(canonicalAccepted);
        Assert.False(aliasAccepted);
    }

    [Fact]
    public void Handle_IsTheSlotTagOfTheIdsWholeSha256_ThenItsFirst128Bits()
    {
        // Arrange
        var id = SessionIds.NewId();
        var hash = SHA256.HashData(Base64Url.DecodeFromChars(id));

        // Act
        var handle = SessionIds.ToHandle(id);

        // Assert
        Assert.Equal(25, handle.Length);
        Assert.Equal(hash[..16], Base64Url.DecodeFromChars(handle.AsSpan(3)));
        Assert.Equal(RedisSlots.SlotOf(Encoding.ASCII.GetBytes(Base64Url.EncodeToString(hash))), RedisSlots.SlotOf(Encoding.ASCII.GetBytes(handle, 0, 3)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void IsWellFormed_AnythingElse_IsRejected(string? text) => Assert.False(SessionIds.IsWellFormed(text));
}

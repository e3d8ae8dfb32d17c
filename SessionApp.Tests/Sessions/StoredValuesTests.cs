using System.Runtime.CompilerServices;
using SessionApp.Sessions.Storage;

namespace SessionApp.Tests.Sessions;

/// <summary>A loaded session's values: found by ordinal name, kept in the order they came, updated in place.</summary>
public class StoredValuesTests
{
    private static readonly StoredValue A = new([1]);
    private static readonly StoredValue B = new([2]);
    private static readonly StoredValue C = new([3]);

    [Fact]
    public void Set_PastTheInitialSize_KeepsEveryValueInOrder()
    {
        // Arrange
        var values = new StoredValues(1);

        // Act
        values.Set("a", A);
        values.Set("b", B);
        values.Set("c", C);
        values.Set("b", C);

        // Assert
        Assert.Equal(3, values.Count);
        Assert.Equal(["a", "b", "c"], values.Keys);
        Assert.True(values.TryGetValue("b", out var b));
        Assert.Equal(C.Bytes, b.Bytes);
    }

    [Fact]
    public void TryGetValue_NameDifferingOnlyInCase_IsNotFound()
    {
        // Arrange
        var values = new StoredValues();
        values.Set("cart", A);

        // Act
        var found = values.TryGetValue("Cart", out _);

        // Assert
        Assert.False(found);
        Assert.True(values.ContainsKey("cart"));
    }

    [Fact]
    public void GetValueRefOrNullRef_WrittenThrough_ChangesTheStoredValue()
    {
        // Arrange
        var values = new StoredValues(2);
        values.Set("a", A);
        byte[] decoded = [42];

        // Act
        ref var stored = ref values.GetValueRefOrNullRef("a");
        stored = stored with { Decoded = decoded };

        // Assert
        Assert.True(Unsafe.IsNullRef(ref values.GetValueRefOrNullRef("b")));
        Assert.True(values.TryGetValue("a", out var a));
        Assert.Same(decoded, a.Decoded);
    }

    [Fact]
    public void Remove_FromTheMiddle_KeepsTheOthersInOrder()
    {
        // Arrange
        var values = new StoredValues(3);
        values.Set("a", A);
        values.Set("b", B);
        values.Set("c", C);

        // Act
        var removed = values.Remove("b");

        // Assert
        Assert.True(removed);
        Assert.False(values.Remove("b"));
        Assert.Equal(["a", "c"], values.Keys);
        Assert.Equal(["a", "c"], ToList(values).Select(static v => v.Name));
    }

    [Fact]
    public void Clear_ThenSet_HoldsOnlyTheNewValue()
    {
        // Arrange
        var values = new StoredValues(2);
        values.Set("a", A);
        values.Set("b", B);

        // Act
        values.Clear();
        values.Set("c", C);

        // Assert
        Assert.Equal(1, values.Count);
        Assert.Equal(["c"], values.Keys);
        Assert.False(values.ContainsKey("a"));
    }

    private static List<(string Name, StoredValue Value)> ToList(StoredValues values)
    {
        var list = new List<(string Name, StoredValue Value)>();
        foreach (var value in values)
        {
            list.Add(value);
        }

        return list;
    }
}

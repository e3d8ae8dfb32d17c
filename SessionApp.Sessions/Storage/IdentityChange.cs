namespace SessionApp.Sessions.Storage;

/// <summary>
/// A commit's change to one part of who a session belongs to: unchanged (the default), set to a value, or cleared
/// (<see cref="IsChanged"/> with a null <see cref="Value"/>).
/// </summary>
internal readonly struct IdentityChange<T>
    where T : class
{
    private IdentityChange(T? value)
    {
        IsChanged = true;
        Value = value;
    }

    public static IdentityChange<T> Cleared => new(null);

    public bool IsChanged { get; }

    /// <summary>The new value; null when cleared or unchanged.</summary>
    public T? Value { get; }

    public static IdentityChange<T> To(T value) => new(value);
}

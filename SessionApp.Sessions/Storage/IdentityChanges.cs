namespace SessionApp.Sessions.Storage;

/// <summary>
/// What one commit changes of who a session belongs to: its user, the client it was bound from, and its
/// authentication ticket, each unchanged, set or cleared. Immutable, so a delta keeps the changes it was built with;
/// how they are stored is the commit script's business (<see cref="SessionCommitScript"/>) and the record's
/// (<see cref="SessionRecord.ApplyIdentity"/>).
/// </summary>
internal sealed record IdentityChanges
{
    /// <summary>No change: what a delta carries unless told otherwise, shared so that it costs no allocation.</summary>
    public static IdentityChanges None { get; } = new();

    public IdentityChange<string> UserId { get; init; }

    public IdentityChange<SessionClient> Client { get; init; }

    public IdentityChange<SessionTicket> Ticket { get; init; }

    /// <summary>Whether the session changes hands: a new user or authentication ticket (the client alone does not).</summary>
    public bool ChangesOwner => UserId.IsChanged || Ticket.IsChanged;
}

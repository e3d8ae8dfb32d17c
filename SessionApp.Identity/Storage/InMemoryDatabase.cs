using Microsoft.Data.Sqlite;

namespace SessionApp.Identity.Storage;

/// <summary>
/// The provider's SQLite database, in memory and private to this process (a fresh name each time), alive for as
/// long as this object holds its one open connection: each <see cref="IdentityDbContext"/> opens its own connection
/// to the same shared-cache database, and everything is gone when the process stops.
/// </summary>
public sealed class InMemoryDatabase : IDisposable
{
    private readonly SqliteConnection _keepAlive;

    public InMemoryDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"sessionapp-identity-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();
    }

    /// <summary>The connection string of the database.</summary>
    public string ConnectionString { get; }

    public void Dispose() => _keepAlive.Dispose();
}

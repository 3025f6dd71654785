using WorkflowKit.Runtime;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Base of test classes that run the real engine on each provider. Every test gets fresh <see cref="Stores"/>, which
/// are dropped after it. A derived class declares both provider fixtures and adds its users and flows in a
/// <c>[SetUp]</c> of its own, which NUnit runs after this one.
/// </summary>
public abstract class EngineOnStoresFixture(StorageProvider provider)
{
    /// <summary>The provider of this fixture, for tests that open a database of their own.</summary>
    private protected StorageProvider Provider => provider;

    /// <summary>The database, clock, flows and users of the current test.</summary>
    private protected EngineOnStores Stores { get; private set; } = null!;

    [SetUp]
    public async Task CreateStoresAsync() => Stores = await EngineOnStores.CreateAsync(provider);

    [TearDown]
    public async Task DisposeStoresAsync()
    {
        // CreateStoresAsync ignores the PostgreSQL fixture when no server is configured, and then there is nothing
        // to drop.
        if (Stores is not null)
        {
            await Stores.DisposeAsync();
        }
    }

    /// <summary>Runs the engine's due work until a round handles none, failing the test after 50 rounds.</summary>
    private protected static async Task RunDueWorkAsync(WorkflowEngine engine)
    {
        for (var round = 0; round < 50; round++)
        {
            if (await engine.RunDueWorkAsync(default) == 0)
            {
                return;
            }
        }

        Assert.Fail("Due work did not settle after 50 rounds.");
    }
}

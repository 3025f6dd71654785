using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>HTTP clients that call a designer started on Kestrel at 127.0.0.1 with an API key of a demo user.</summary>
internal static class LoopbackClients
{
    /// <summary>
    /// Starts the server when it is not running yet and returns a client signed in as <paramref name="userId"/>. A
    /// <paramref name="culture"/> such as "en" first switches the account to that language, in which the API words its
    /// problem replies; the demo accounts read Chinese.
    /// </summary>
    public static async Task<HttpClient> ForAsync(DesignerAppFactory factory, string userId, string? culture = null)
    {
        factory.StartServer();
        if (culture is not null)
        {
            await factory.Services.GetRequiredService<AccountStore>().SetCultureAsync(userId, culture, default);
        }

        var key = await factory.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync(userId, "test", default);
        var client = new HttpClient { BaseAddress = factory.RootUri };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}

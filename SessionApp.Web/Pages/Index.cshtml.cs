using Microsoft.AspNetCore.Mvc.RazorPages;
using SessionApp.Web.Api;

namespace SessionApp.Web.Pages;

/// <summary>Home: who is signed in, the session's age and expiry, and the cart summary, all read through the API.</summary>
public sealed class IndexModel : PageModel
{
    private readonly ApiClient _api;

    public IndexModel(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
    }

    public SignedInUser? SignedIn { get; private set; }

    public SessionSummary? Session { get; private set; }

    public Cart Cart { get; private set; } = Cart.Empty;

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            var me = await _api.GetMeAsync(cancellationToken);
            SignedIn = me.Succeeded ? me.Value : null;
        }

        var session = await _api.GetSessionAsync(cancellationToken);
        Session = session.Succeeded ? session.Value : null;

        var cart = await _api.GetCartAsync(cancellationToken);
        Cart = cart.Succeeded ? cart.Value : Cart.Empty;
    }
}

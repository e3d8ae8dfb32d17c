using SessionApp.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSessionAppSessions(WebSignIn.Configure);
builder.AddWebFrontEnd();

var app = builder.Build();

app.UseWebSecurityHeaders();
app.UseApiUnavailablePage();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseStaticFiles();
app.UseRouting();
app.UseRedisSessions();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapRazorPages();

app.Run();

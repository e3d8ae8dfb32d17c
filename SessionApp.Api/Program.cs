using SessionApp.Api;
using SessionApp.Api.Apis;
using SessionApp.Api.Auth;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSessionAppSessions(ApiCookieEvents.Configure);
builder.AddApplicationServices();

var app = builder.Build();

app.UseApiSecurityHeaders();
app.UseStatusCodePages();
app.UseRequestProblems();
app.UseSameOriginRequests();
app.UseRedisSessions();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapAuthApi();
app.MapSessionApi();
app.MapCatalogApi();
app.MapCartApi();
app.MapSessionsApi();
app.MapAdminApi();

app.Run();

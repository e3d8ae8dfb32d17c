var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityProvider();

var app = builder.Build();

app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapIdentityProvider();

app.Run();

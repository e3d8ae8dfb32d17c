var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var instance = app.Configuration["Instance:Name"] ?? Environment.MachineName;
app.Use((context, next) =>
{
    context.Response.Headers["X-Instance"] = instance;
    return next(context);
});
app.MapGet("/health", () => "Healthy");
app.MapGet("/alive", () => "Healthy");
app.MapGet("/api/whoami", () => instance);
app.Run();

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => "Healthy");
app.MapGet("/alive", () => "Healthy");
app.Run();

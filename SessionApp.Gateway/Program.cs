var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseGatewayBodyLimit();
app.MapDefaultEndpoints();
app.MapGateway();

app.Run();

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "WorkflowKit");
await app.RunAsync();

// Program is public so that WebApplicationFactory<Program> in the tests can start the app.
#pragma warning disable CA1050 // The entry point type lives in the global namespace by design.
public partial class Program;
#pragma warning restore CA1050

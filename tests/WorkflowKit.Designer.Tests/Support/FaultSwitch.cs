using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// Fault hooks for a designer under test: while a switch is on, the inbox read of <see cref="IWorkService"/> or the
/// antiforgery tokens that every static page with a form asks for throw <see cref="FaultException"/>, as a bug would.
/// Every other call goes to the app's own service.
/// </summary>
internal sealed class FaultSwitch
{
    public bool InboxFails { get; set; }

    public bool AntiforgeryFails { get; set; }

    /// <summary>Wraps the app's work and antiforgery services so that they consult this switch.</summary>
    public void Register(IServiceCollection services)
    {
        services.AddSingleton(this);
        Wrap<IWorkService>(services, method => InboxFails && method.Name == nameof(IWorkService.GetInboxAsync));
        Wrap<IAntiforgery>(services, method => AntiforgeryFails && method.Name.Contains("Tokens", StringComparison.Ordinal));
    }

    private static void Wrap<TService>(IServiceCollection services, Func<MethodInfo, bool> fails)
        where TService : class
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(TService));
        services.Replace(new ServiceDescriptor(typeof(TService), provider =>
        {
            var inner = (TService)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
            var proxy = DispatchProxy.Create<TService, FaultProxy<TService>>();
            ((FaultProxy<TService>)(object)proxy).Connect(inner, fails);
            return proxy;
        }, registered.Lifetime));
    }
}

/// <summary>The exception that a switched-on fault throws.</summary>
internal sealed class FaultException(string member) : InvalidOperationException($"Test fault in {member}.");

/// <summary>Forwards calls to the real service unless its fault is on. Public because DispatchProxy derives from it.</summary>
public class FaultProxy<TService> : DispatchProxy
    where TService : class
{
    private TService _inner = default!;

    private Func<MethodInfo, bool> _fails = _ => false;

    internal void Connect(TService inner, Func<MethodInfo, bool> fails)
    {
        _inner = inner;
        _fails = fails;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (_fails(targetMethod))
        {
            throw new FaultException($"{typeof(TService).Name}.{targetMethod.Name}");
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(error.InnerException);
            throw;
        }
    }
}

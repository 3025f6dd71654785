namespace WorkflowKit.Samples.Model;

/// <summary>Monthly demand shapes of the sample products.</summary>
internal enum Season
{
    /// <summary>Steady demand all year.</summary>
    Flat,

    /// <summary>Influenza vaccination campaigns from September to December.</summary>
    FluVaccine,

    /// <summary>Respiratory infection tests, high in winter (influenza season) and low in summer.</summary>
    Respiratory,

    /// <summary>Pneumococcal vaccines, slightly higher in autumn.</summary>
    Pneumococcal,

    /// <summary>Rabies and tetanus vaccines after bites and wounds, higher in summer.</summary>
    Summer,

    /// <summary>Enterovirus 71 vaccine before the hand, foot and mouth disease season in spring.</summary>
    Spring,

    /// <summary>Rotavirus vaccine before the autumn and winter diarrhoea season.</summary>
    Autumn,
}

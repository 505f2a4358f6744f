"""What a dog welfare visit looks at: the dog, its vehicle, its kennel, its records, and
the Five Freedoms as a summary of its welfare."""

from schemes.checklists import Check, Checklist, Section

DOG_CHECKLIST = Checklist(
    sections=(
        Section(
            "dog",
            "The dog",
            (
                Check("body-condition", "Body condition"),
                Check("coat", "Coat and skin"),
                Check("weight-trend", "Weight trend"),
                Check("injuries", "Free of injuries"),
                Check("behaviour", "Behaviour and demeanour"),
            ),
        ),
        Section(
            "vehicle",
            "The vehicle",
            (
                Check("ventilation", "Ventilation"),
                Check("temperature-control", "Temperature control and alarms"),
                Check("vehicle-clean", "Cleanliness of the dog's compartment"),
                Check("restraint", "Safe restraint"),
            ),
        ),
        Section(
            "kennel",
            "The kennel",
            (
                Check("kennel-size", "Size"),
                Check("bedding", "Bedding"),
                Check("water", "Fresh water"),
                Check("shelter", "Shelter from heat, cold and rain"),
                Check("exercise-area", "Exercise area"),
            ),
        ),
        Section(
            "records",
            "Records",
            (
                Check("welfare-records", "Welfare records"),
                Check("training-records", "Training records"),
                Check("vet-records", "Veterinary records"),
            ),
        ),
        Section(
            "freedoms",
            "The Five Freedoms",
            (
                Check("hunger-thirst", "Freedom from hunger and thirst"),
                Check("discomfort", "Freedom from discomfort"),
                Check("pain", "Freedom from pain, injury and disease"),
                Check("normal-behaviour", "Freedom to express normal behaviour"),
                Check("fear", "Freedom from fear and distress"),
            ),
        ),
    )
)

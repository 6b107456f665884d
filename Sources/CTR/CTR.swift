public enum CTRPlaceholder {}

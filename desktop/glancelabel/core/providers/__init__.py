"""AI suggestion providers (Qt-free; SDKs, onnxruntime and OCR load only when used).

    from glancelabel.core.providers import SuggestRequest, ClassSpec, get_provider
    provider = get_provider("anthropic", model="claude-sonnet-5-5")
    result = provider.suggest(SuggestRequest(path, classes=(ClassSpec("car"),)))
"""

from .base import (
    BatchProvider,
    BoxConvention,
    ClassSpec,
    Dropped,
    Identity,
    Preview,
    ProposedSuggestion,
    Provider,
    ProviderError,
    SuggestRequest,
    SuggestResult,
    Usage,
)
from .registry import PROVIDER_NAMES, get_provider

__all__ = [
    "PROVIDER_NAMES",
    "BatchProvider",
    "BoxConvention",
    "ClassSpec",
    "Dropped",
    "Identity",
    "Preview",
    "ProposedSuggestion",
    "Provider",
    "ProviderError",
    "SuggestRequest",
    "SuggestResult",
    "Usage",
    "get_provider",
]

import { Arg, Mutation, Resolver } from 'type-graphql';
import { RequireScope } from '@mrt/graphql-kit';
import { CreateSourceInput } from '../source/source.input.js';
import type { SourcePreviewResult, SourcePreviewService } from './source-preview.service.js';
import { SourcePreview } from './source-preview.type.js';

@Resolver(() => SourcePreview)
export class SourcePreviewResolver {
  constructor(private readonly previews: SourcePreviewService) {}

  // A mutation although it stores nothing: it makes outbound requests, which no GET or prefetch may trigger.
  @RequireScope('sources:write')
  @Mutation(() => SourcePreview, {
    description: 'Reads the first pages (at most 5) of a source configuration as a run would and returns what it found; stores nothing (scope sources:write)',
  })
  previewSource(@Arg('input', () => CreateSourceInput) input: CreateSourceInput): Promise<SourcePreviewResult> {
    return this.previews.preview(input);
  }
}
